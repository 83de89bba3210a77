// What Slack's own client checks before it sends view_submission: an input block that is not
// `optional` must have a value ("Please complete this required field."), and email and URL inputs
// must hold an email address or a URL. The app never sees a submission that fails these.
//   https://docs.slack.dev/reference/block-kit/blocks/input-block (optional: defaults to false)
//   https://docs.slack.dev/reference/block-kit/block-elements/email-input-element
import { arr, obj, type StateValues, str } from './render/context';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const isEmpty = (v: Record<string, unknown> | undefined): boolean => {
  if (!v) return true;
  if (Array.isArray(v.selected_options)) return v.selected_options.length === 0;
  return !(v.value || v.selected_option || v.selected_date);
};

export function slackClientErrors(blocks: unknown, state: StateValues): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const block of arr(blocks)) {
    if (block.type !== 'input') continue;
    const id = str(block.block_id);
    const element = obj(block.element);
    const value = state[id]?.[str(element.action_id)];
    const text = str(value?.value);
    if (isEmpty(value)) {
      if (block.optional !== true) errors[id] = 'Please complete this required field.';
    } else if (element.type === 'email_text_input' && !EMAIL.test(text))
      errors[id] = 'Enter an email address.';
    else if (element.type === 'url_text_input' && !URL.canParse(text)) errors[id] = 'Enter a URL.';
  }
  return errors;
}
