// Errors on their way to the log: the bot token must never be written anywhere, and it can end up
// in an error (a failed file download's URL, an HttpError's cause), so every logged error is
// scrubbed first.
import { GrammyError, HttpError } from "grammy";

export const APOLOGY = "抱歉，处理这条消息时出错了，请稍后再试。";

export function redactToken(text: string, token: string): string {
  if (!token) return text;
  // The numeric bot id alone is public; the secret part after ":" is what must go.
  const secret = token.slice(token.indexOf(":") + 1);
  let out = text.split(token).join("[token]");
  if (secret.length >= 8) out = out.split(secret).join("[token]");
  return out;
}

export interface LoggedError {
  type: string;
  message: string;
  stack?: string;
  method?: string;
  errorCode?: number;
  cause?: LoggedError;
}

/** A plain, token-free description of any thrown value, for pino. */
export function describeError(error: unknown, token: string, depth = 0): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error, message: redactToken(String(error), token) };
  const described: LoggedError = {
    type: error.constructor.name,
    message: redactToken(error.message, token),
    stack: error.stack === undefined ? undefined : redactToken(error.stack, token),
  };
  if (error instanceof GrammyError) {
    described.method = error.method;
    described.errorCode = error.error_code;
  }
  const cause = error instanceof HttpError ? error.error : error.cause;
  if (cause !== undefined && depth < 3) described.cause = describeError(cause, token, depth + 1);
  return described;
}
