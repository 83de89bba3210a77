// Pure builders for the filing modals: a form definition and prefilled values in, a modal out.
// Block ids are the field ids, so validation errors land under the right input.
import type { types } from '@slack/bolt';
import type { FieldDef } from '../../kinds/fields';
import { FIELD_ACTION } from '../../kinds/fields';
import type { FormDefinition } from '../../kinds/definition';
import { INTERNAL_REQUEST_OPTIONS, optionLabel } from '../../kinds/internal-request-options';
import { ACTION_IR_OPTION, BLOCK_IR_OPTION, VIEW_FILE_FORM } from '../../ids';
import { escapeMrkdwn } from '../../slack/escape';
import { clip, LIMITS } from '../../slack/limits';
import { context, mrkdwnSection, option, plain } from '../blocks';
import { link } from './messages';

function element(field: FieldDef, initial?: string): types.InputBlockElement {
  const placeholder = field.placeholder ? { placeholder: plain(field.placeholder, 150) } : {};
  const init = initial ? clip(initial, field.maxLength ?? 3000) : undefined;
  switch (field.type) {
    case 'multiline':
    case 'text':
      return {
        type: 'plain_text_input',
        action_id: FIELD_ACTION,
        multiline: field.type === 'multiline',
        ...(field.maxLength ? { max_length: field.maxLength } : {}),
        ...(init ? { initial_value: init } : {}),
        ...placeholder,
      };
    case 'email':
      return {
        type: 'email_text_input',
        action_id: FIELD_ACTION,
        ...(init ? { initial_value: init } : {}),
        ...placeholder,
      };
    case 'url':
      return {
        type: 'url_text_input',
        action_id: FIELD_ACTION,
        ...(init ? { initial_value: init } : {}),
        ...placeholder,
      };
    case 'number':
      return {
        type: 'number_input',
        action_id: FIELD_ACTION,
        is_decimal_allowed: false,
        min_value: '1',
        ...(init ? { initial_value: init } : {}),
      };
    case 'date':
      return { type: 'datepicker', action_id: FIELD_ACTION, ...(init ? { initial_date: init } : {}) };
    case 'select': {
      const options = (field.options ?? []).map((o) => ({
        ...option(o.label, o.value),
        ...(o.description ? { description: plain(o.description, LIMITS.optionText) } : {}),
      }));
      const selected = options.find((o) => o.value === initial);
      return {
        type: 'static_select',
        action_id: FIELD_ACTION,
        options,
        ...(selected ? { initial_option: selected } : {}),
        ...placeholder,
      };
    }
    case 'checkbox': {
      const options = (field.options ?? []).map((o) => option(o.label, o.value));
      const chosen = options.filter(
        (o) => o.value !== undefined && (initial ?? '').split(',').includes(o.value),
      );
      return {
        type: 'checkboxes',
        action_id: FIELD_ACTION,
        options,
        ...(chosen.length ? { initial_options: chosen } : {}),
      };
    }
  }
}

export function inputBlock(field: FieldDef, initial?: string): types.InputBlock {
  return {
    type: 'input',
    block_id: field.id,
    optional: !field.required,
    label: plain(field.label, 2000),
    element: element(field, initial),
    ...(field.hint ? { hint: plain(field.hint, 2000) } : {}),
  };
}

/** The option picker of the internal-request form, grouped like the handbook's table. */
export function optionPicker(selectedId: string): types.InputBlock {
  const groups = [...new Set(INTERNAL_REQUEST_OPTIONS.map((o) => o.group))];
  const option_groups = groups.map((g) => ({
    label: plain(g, LIMITS.optionText),
    options: INTERNAL_REQUEST_OPTIONS.filter((o) => o.group === g).map((o) => option(o.option, o.id)),
  }));
  const selected = INTERNAL_REQUEST_OPTIONS.find((o) => o.id === selectedId);
  return {
    type: 'input',
    block_id: BLOCK_IR_OPTION,
    dispatch_action: true,
    label: plain('What is this request concerning?'),
    element: {
      type: 'static_select',
      action_id: ACTION_IR_OPTION,
      option_groups,
      ...(selected ? { initial_option: option(selected.option, selected.id) } : {}),
    },
  };
}

export interface ModalInput {
  definition: FormDefinition;
  privateMetadata: string;
  /** Prefilled values by field id (from the Slack message, the command text, or the previous view). */
  prefill?: Record<string, string>;
  /** Shown as context under the intro, e.g. the permalink of the message it came from. */
  source?: string;
}

export function buildFormModal({
  definition,
  privateMetadata,
  prefill = {},
  source,
}: ModalInput): types.ModalView {
  const blocks: types.KnownBlock[] = [];
  if (definition.option) {
    blocks.push(optionPicker(definition.option.id));
    blocks.push(context(escapeMrkdwn(optionLabel(definition.option))));
  }
  if (definition.notes.length > 0)
    blocks.push(mrkdwnSection(definition.notes.map((n) => `• ${escapeMrkdwn(n)}`).join('\n')));
  if (source) blocks.push(context(`From ${link(source, 'this Slack message')}`));
  for (const field of definition.fields) blocks.push(inputBlock(field, prefill[field.id]));
  return {
    type: 'modal',
    callback_id: VIEW_FILE_FORM,
    private_metadata: privateMetadata,
    title: plain(definition.title, LIMITS.modalTitle),
    submit: plain(definition.submitLabel, LIMITS.modalButton),
    close: plain('Cancel', LIMITS.modalButton),
    blocks: blocks.slice(0, LIMITS.blocksPerView),
  };
}
