// Every callback_id and action_id the app registers, in one place. Handlers route on these
// constants, never on display text. The manifest test checks the registered ones against manifest.yml.

// --- Slack surfaces: commands, shortcuts, triage, App Home, on-call ---
export const COMMAND = '/support';
export const SHORTCUT_ROUTE_MESSAGE = 'route_to_support';
export const SHORTCUT_ASK = 'ask_support';
export const VIEW_ASK = 'ask_support_modal';
export const VIEW_ANSWER = 'support_answer';
export const BLOCK_ASK_TEXT = 'ask_text';
export const ACTION_ASK_TEXT = 'ask_text_input';
export const BLOCK_ASK_ROUTE = 'ask_route';
export const ACTION_ASK_ROUTE = 'ask_route_select';
/** "Not what I meant" and the menu shown for an unknown route; the value is a route id. */
export const ACTION_PICK_ROUTE = 'pick_route';
/** A clarifying question's answer button; the value is the route it selects (a form-button value). */
export const ACTION_ANSWER_QUESTION = 'answer_question';
/** "Is it one of these?" buttons of an unsure answer; the value is a route (a form-button value). */
export const ACTION_CHOOSE_ROUTE = 'choose_route';
/** App Home's "Ask Support" button: opens the same modal as the global shortcut. */
export const ACTION_HOME_ASK = 'home_ask';
export const ACTION_ONCALL_REFRESH = 'oncall_refresh';
/** URL buttons still send block_actions, which must be acked. */
export const ACTION_OPEN_LINK = 'open_link';

// --- Forms and filing ---
export const ACTION_OPEN_FORM = 'open_form';
/** callback_id of every filing modal; the route travels in private_metadata. */
export const VIEW_FILE_FORM = 'file_form';
/** The internal-request option picker (dispatches on change, so the modal shows that option's fields). */
export const BLOCK_IR_OPTION = 'ir_option';
export const ACTION_IR_OPTION = 'ir_option_select';
/** Retry button on a "could not file" message; value = submission id. */
export const ACTION_RETRY_FILING = 'retry_filing';
