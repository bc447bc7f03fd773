// Who publishes a synthetic report, for which year, in which template and layout. Names come from
// the gazetteer; the level (township … city) drives the magnitudes of every figure.
import { allCities, allCounties, DEPARTMENTS, TOWNSHIPS } from "./gazetteer.js";
import type { Rng } from "./random.js";

export type GenTemplate = "stat2016" | "gbf2019" | "gbf2021" | "narrative";
export type GenLayout = "pipes" | "cell-per-line" | "blank-separated" | "pdf-columns" | "narrative";
export type GenLevel = "township" | "county" | "city" | "department";

export interface Identity {
  /** Issuing body as printed in the title: 重庆市长寿区人民政府, 小板桥街道办事处. */
  org: string;
  /** The body's own division: 长寿区, 小板桥街道, 淮安市. */
  region: string;
  level: GenLevel;
  province: string;
  city: string;
  /** County-level division when there is one. */
  county?: string;
  /** How the prose names the area: 全区 / 我区 use "区"; a department says 本局 / 我局. */
  place: string;
  /** The body in the first person: 我区, 我市, 本街道, 我局. */
  self: string;
  /** The office that compiles the report: 重庆市长寿区人民政府办公室. */
  office: string;
  year: number;
  template: GenTemplate;
  layout: GenLayout;
  /** Half-width punctuation throughout (like the seed texts) or full-width (like PDFs). */
  halfWidth: boolean;
}

const YEAR_WEIGHTS: readonly (readonly [number, number])[] = Array.from({ length: 16 }, (_, i) => {
  const year = 2010 + i;
  return [year, year < 2016 ? 1 : year < 2019 ? 1.5 : 2] as const;
});

const cities = allCities();
const counties = allCounties();
const townshipKeys = Object.keys(TOWNSHIPS);

/** Last character of a division name, as the prose uses it: 区, 县, 市, 旗, 街道, 镇, 乡. */
function placeWord(division: string): string {
  if (division.endsWith("街道")) return "街道";
  if (division.endsWith("自治州")) return "州";
  if (division.endsWith("自治县")) return "县";
  const last = division.slice(-1);
  return "区县市旗镇乡".includes(last) ? last : "区";
}

function townshipIdentity(rng: Rng): Omit<Identity, "year" | "template" | "layout" | "halfWidth"> {
  const key = rng.pick(townshipKeys);
  const [cityName, county] = key.split("/") as [string, string];
  const town = rng.pick(TOWNSHIPS[key]!);
  const found = cities.find((c) => c.city.name === cityName);
  const isStreet = town.endsWith("街道");
  const body = isStreet ? "办事处" : "人民政府";
  // Most print the bare name (小板桥街道办事处); some prefix the county (官渡区小板桥街道办事处).
  const prefix = rng.chance(0.2) ? county : "";
  const place = placeWord(town);
  return {
    org: prefix + town + body,
    region: town,
    level: "township",
    province: found?.province.name ?? "",
    city: cityName,
    county,
    place,
    self: place === "街道" ? rng.pick(["本街道", "我街道", "街道"]) : `我${place}`,
    office: town + (isStreet ? "办事处党政办公室" : "人民政府党政办公室"),
  };
}

function countyIdentity(rng: Rng): Omit<Identity, "year" | "template" | "layout" | "halfWidth"> {
  const { province, city, county } = rng.pick(counties);
  const prefix = rng.chance(0.9) ? city.name : "";
  const org = `${prefix}${county}人民政府`;
  const place = placeWord(county);
  return {
    org,
    region: county,
    level: "county",
    province: province.name,
    city: city.name,
    county,
    place,
    self: `我${place}`,
    office: `${prefix}${county}人民政府办公室`,
  };
}

function cityIdentity(rng: Rng): Omit<Identity, "year" | "template" | "layout" | "halfWidth"> {
  const { province, city } = rng.pick(cities);
  const place = placeWord(city.name);
  return {
    org: `${city.name}人民政府`,
    region: city.name,
    level: "city",
    province: province.name,
    city: city.name,
    place,
    self: `我${place}`,
    office: `${city.name}人民政府办公室`,
  };
}

function departmentIdentity(rng: Rng, year: number): Omit<Identity, "year" | "template" | "layout" | "halfWidth"> {
  const { province, city, county } = rng.pick(counties);
  const cityLevel = rng.chance(0.5);
  const depts = DEPARTMENTS.filter((d) => (d.from ?? 0) <= year && year <= (d.to ?? 9999) && (cityLevel || !d.cityOnly) && d.name !== "人民政府办公室");
  const dept = rng.pick(depts);
  const region = cityLevel ? city.name : county;
  const prefix = cityLevel ? city.name : city.name + county;
  const short = dept.name.endsWith("委员会") ? "委" : dept.name.slice(-1);
  return {
    org: prefix + dept.name,
    region,
    level: "department",
    province: province.name,
    city: city.name,
    ...(cityLevel ? {} : { county }),
    place: short,
    self: `我${short}`,
    office: `${prefix}${dept.name}办公室`,
  };
}

/** Template by year (2010–2018 统计表, 2019–2020 60号, 2021– 30号), prose-only about one in ten. */
export function templateFor(year: number, rng: Rng): GenTemplate {
  if (rng.chance(0.1)) return "narrative";
  return year <= 2018 ? "stat2016" : year <= 2020 ? "gbf2019" : "gbf2021";
}

export function layoutFor(template: GenTemplate, rng: Rng): GenLayout {
  if (template === "narrative") return "narrative";
  if (template === "stat2016") return rng.chance(0.55) ? "pipes" : "cell-per-line";
  return rng.chance(0.55) ? "blank-separated" : "pdf-columns";
}

export function pickIdentity(rng: Rng): Identity {
  const year = rng.weighted(YEAR_WEIGHTS);
  const level = rng.weighted<GenLevel>([
    ["county", 50],
    ["city", 18],
    ["township", 20],
    ["department", 12],
  ]);
  const who =
    level === "township"
      ? townshipIdentity(rng)
      : level === "city"
        ? cityIdentity(rng)
        : level === "department"
          ? departmentIdentity(rng, year)
          : countyIdentity(rng);
  const template = templateFor(year, rng);
  const layout = layoutFor(template, rng);
  const halfWidth = layout === "pdf-columns" ? false : rng.chance(0.5);
  return { ...who, year, template, layout, halfWidth };
}
