// Fetching a document a user sent: getFile through the Bot API, then the file URL of the same API
// root (so a self-hosted Bot API server serves it too). Size is capped while streaming because
// Telegram does not always report file_size.
import { readFile, stat } from "node:fs/promises";
import { isAbsolute } from "node:path";
import type { Api } from "grammy";

/** A download failure whose message is safe to show a user (it never contains the URL). */
export class DownloadError extends Error {
  override name = "DownloadError";
}

export interface DownloadOptions {
  api: Api;
  token: string;
  apiRoot: string;
  maxBytes: number;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export async function downloadTelegramFile(fileId: string, options: DownloadOptions): Promise<Uint8Array> {
  const { api, token, apiRoot, maxBytes } = options;
  const file = await api.getFile(fileId);
  if (!file.file_path) throw new DownloadError("Telegram 没有提供该文件的下载路径");
  if (file.file_size !== undefined && file.file_size > maxBytes) throw new DownloadError(tooLarge(maxBytes));

  // A self-hosted Bot API server started with --local answers getFile with a path on its own
  // disk instead of serving /file/: read it directly when it is there.
  if (isAbsolute(file.file_path)) {
    try {
      const st = await stat(file.file_path);
      if (st.size > maxBytes) throw new DownloadError(tooLarge(maxBytes));
      return new Uint8Array(await readFile(file.file_path));
    } catch (error) {
      if (error instanceof DownloadError) throw error;
      throw new DownloadError("本地 Bot API 服务器给出的文件路径无法读取");
    }
  }

  const path = file.file_path.split("/").map(encodeURIComponent).join("/");
  // This URL contains the token: it must not appear in any error, log line or reply.
  const url = `${apiRoot}/file/bot${token}/${path}`;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 120_000) });
  } catch {
    throw new DownloadError("下载文件时网络出错");
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => undefined);
    throw new DownloadError(`下载文件失败（HTTP ${response.status}）`);
  }

  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new DownloadError(tooLarge(maxBytes));
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof DownloadError) throw error;
    throw new DownloadError("下载文件时连接中断");
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(maxBytes: number): string {
  return `文件超过 ${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MB 的上限`;
}
