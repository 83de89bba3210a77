// Every callback_id and action_id the app registers, in one place. Handlers route on these
// constants, never on display text. The manifest test checks the registered ones against manifest.yml.

// --- Slack surfaces: commands, shortcuts, triage, App Home, on-call ---
export const COMMAND = '/support';

// --- Forms and filing ---
export const ACTION_OPEN_FORM = 'open_form';
