// Text typed into a form reaches GitLab inert: it cannot notify anyone, reference an issue, run
// markup, or show an image or a disguised link. GitLab reads `@name` as a mention wherever no word
// character stands before the `@` (so `.@all`, `-@all` and `+@group` count), and `#1`, `!1`, `&1`
// as references; an invisible joiner after the sigil breaks both while people still read the text.
// Markdown that would link or embed (`[x](u)`, `![x](u)`, `[x][ref]`, `<img>`, `<https://…>`) is
// escaped so it shows as typed. Bare links stay links, ended at `<`, `>` and `"` so no markup rides
// along inside one.

/** An invisible joiner after the sigil: GitLab no longer reads a reference, people still read the text. */
export const JOINER = '\u200d';

const LINK = /(https?:\/\/[^\s<>"]+)/;
const REFERENCE = /(?<!\w)@|[#!&](?=\d)/g;

/** Inside a bare link: brackets and a mention-shaped `@` percent-encoded (the same URL to a server). */
function inertLink(link: string): string {
  return link
    .replace(/\[/g, '%5B')
    .replace(/\]/g, '%5D')
    .replace(/(?<!\w)@/g, '%40');
}

/** Outside links: a character-level escape (backslash first, so a typed `\[` stays `\[` on screen). */
function inertMarkdownText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/&(?=#?\w{1,32};)/g, '&amp;') // `&#64;all` would be read as `@all`
    .replace(/</g, '&lt;')
    .replace(/[[\]]/g, (b) => `\\${b}`);
}

const breakReferences = (text: string) => text.replace(REFERENCE, (sigil) => sigil + JOINER);

function eachPart(text: string, outside: (t: string) => string, inside: (l: string) => string): string {
  return text
    .split(LINK)
    .map((part, i) => (i % 2 === 1 ? inside(part) : outside(part)))
    .join('');
}

/** For titles (GitLab renders no links or images there): mentions and references broken. */
export function neutraliseMentions(text: string): string {
  return eachPart(text, breakReferences, inertLink);
}

/** For descriptions: mentions and references broken, and no markdown link, image or HTML renders. */
export function inertMarkdown(text: string): string {
  return eachPart(text, (t) => breakReferences(inertMarkdownText(t)), inertLink);
}
