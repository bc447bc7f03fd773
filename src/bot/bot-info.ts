// What getMe answers for a bot driven in-process (the bench's load scenario, the tests' fake Bot
// API): grammY needs the bot's own user before it handles an update, and asks for it only when
// none is given.
import type { UserFromGetMe } from "grammy/types";

export function localBotInfo(username: string, firstName = "年报"): UserFromGetMe {
  return {
    id: 42,
    is_bot: true,
    first_name: firstName,
    username,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: true,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
}
