// The 19 options of the Support Internal Request form, in the handbook's order, with the fields
// each one needs. `id` is the route id's suffix (internal-request/<id>); `label` is "<group>:
// <option>" with the handbook's wording, the value a rule's form.option carries.
import { INTERNAL_REQUEST_PREFIX } from '../routes';
import type { FieldId } from './fields';

export interface InternalRequestOption {
  id: string;
  group: string;
  option: string;
  /** Fields shown (and required, unless the field itself is optional) for this option. */
  fields: FieldId[];
  /** Fields that are optional in general but required for this option. */
  requires?: FieldId[];
  /** Fields that are required in general but optional for this option. */
  optional?: FieldId[];
  priority: 'urgent' | 'high' | 'normal' | 'low';
}

const SAAS_SUB = 'SaaS Subscription Related';
const SAAS_TRIAL = 'SaaS Trial Related';
const SM_LICENSE = 'Self-Managed License Related (for paid customers only)';
const SM_TRIAL = 'Self-Managed Trial Related';
const OTHER = 'Other';

const o = (
  id: string,
  group: string,
  option: string,
  fields: FieldId[],
  priority: InternalRequestOption['priority'],
  requires?: FieldId[],
  optional?: FieldId[],
): InternalRequestOption => ({
  id,
  group,
  option,
  fields,
  priority,
  ...(requires ? { requires } : {}),
  ...(optional ? { optional } : {}),
});

export const INTERNAL_REQUEST_OPTIONS: readonly InternalRequestOption[] = [
  o(
    'saas-extend-subscription',
    SAAS_SUB,
    'Extend an (almost) expired subscription',
    ['contact_email', 'namespace', 'sfdc_link', 'new_date', 'context'],
    'urgent',
  ),
  o(
    'saas-investigate-subscription',
    SAAS_SUB,
    'Investigate incorrect subscription info',
    ['contact_email', 'namespace', 'sfdc_link', 'context'],
    'normal',
  ),
  o(
    'saas-reset-max-seats',
    SAAS_SUB,
    'Reset max seats for QSR',
    ['contact_email', 'namespace', 'sfdc_link', 'context'],
    'low',
    ['sfdc_link'],
  ),
  o(
    'saas-nfr',
    SAAS_SUB,
    'SaaS NFR license request',
    ['contact_email', 'namespace', 'sfdc_link', 'seats', 'context'],
    'low',
  ),
  o(
    'billing-entity-change',
    SAAS_SUB,
    'Billing Entity Change',
    ['contact_email', 'namespace', 'sfdc_link', 'context'],
    'normal',
    ['sfdc_link'],
  ),
  o(
    'saas-extend-trial',
    SAAS_TRIAL,
    'Extend a SaaS trial',
    ['contact_email', 'namespace', 'sfdc_link', 'new_date', 'context'],
    'low',
  ),
  o(
    'saas-change-trial',
    SAAS_TRIAL,
    'Change an existing SaaS trial plan',
    ['contact_email', 'namespace', 'sfdc_link', 'plan', 'context'],
    'low',
  ),
  o(
    'sm-extend-subscription',
    SM_LICENSE,
    'Extend an (almost) expired subscription',
    ['contact_email', 'license_id', 'sfdc_link', 'new_date', 'context'],
    'urgent',
  ),
  o(
    'sm-license-not-received',
    SM_LICENSE,
    'Customer did not receive the license',
    ['contact_email', 'license_id', 'sfdc_link', 'context'],
    'high',
  ),
  o(
    'sm-resend-license',
    SM_LICENSE,
    'Customer needs the license resent to a new person',
    ['contact_email', 'license_id', 'sfdc_link', 'context'],
    'normal',
  ),
  o(
    'sm-multi-year-license',
    SM_LICENSE,
    'Multi-year license needs to be generated',
    ['contact_email', 'license_id', 'sfdc_link', 'seats', 'context'],
    'normal',
    ['sfdc_link'],
  ),
  o(
    'sm-nfr',
    SM_LICENSE,
    'Self-managed NFR license request',
    ['contact_email', 'sfdc_link', 'seats', 'new_date', 'context'],
    'low',
  ),
  o(
    'sm-trial-problem',
    SM_TRIAL,
    'Problems starting a new Self-managed trial',
    ['contact_email', 'sfdc_link', 'context'],
    'low',
  ),
  o(
    'sm-modify-trial',
    SM_TRIAL,
    'Modify an existing Self-managed trial',
    ['contact_email', 'license_id', 'sfdc_link', 'seats', 'plan', 'context'],
    'low',
  ),
  o(
    'sm-extend-trial',
    SM_TRIAL,
    'Extend an existing Self-managed trial',
    ['contact_email', 'license_id', 'sfdc_link', 'new_date', 'context'],
    'low',
  ),
  o(
    'order-management',
    OTHER,
    'Order Management',
    ['contact_email', 'license_id', 'sfdc_link', 'context'],
    'normal',
    ['sfdc_link'],
  ),
  o(
    'hackerone-license',
    OTHER,
    'Hacker One Reporter License',
    ['contact_email', 'seats', 'new_date', 'context'],
    'low',
  ),
  o(
    'community-license',
    OTHER,
    'Wider Community License',
    ['contact_email', 'seats', 'new_date', 'manager_email', 'context'],
    'low',
  ),
  o(
    'other',
    OTHER,
    'Other (nothing else fits the request)',
    ['contact_email', 'namespace', 'sfdc_link', 'context'],
    'normal',
    [],
    ['namespace'],
  ),
];

export function optionLabel(option: InternalRequestOption): string {
  return `${option.group}: ${option.option}`;
}

export function findOption(idOrLabel: string | undefined): InternalRequestOption | undefined {
  if (!idOrLabel) return undefined;
  const id = idOrLabel.startsWith(INTERNAL_REQUEST_PREFIX)
    ? idOrLabel.slice(INTERNAL_REQUEST_PREFIX.length)
    : idOrLabel;
  return INTERNAL_REQUEST_OPTIONS.find((opt) => opt.id === id || optionLabel(opt) === idOrLabel);
}
