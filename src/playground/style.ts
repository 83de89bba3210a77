// The page's stylesheet, served as /style.css: a plain, Slack-like layout.
export const STYLE_CSS = `
:root { --ink: #1d1c1d; --muted: #616061; --line: #ddd; --accent: #4b2a8c; --bg: #f8f8f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; height: 100vh; display: flex; flex-direction: column; }
header.top { display: flex; flex-wrap: wrap; gap: 0 1.5rem; align-items: baseline; padding: .5rem 1rem; background: var(--accent); color: #fff; }
header.top h1 { font-size: 1.1rem; margin: 0; }
header.top p { margin: .2rem 0; }
header.top code { color: #fff; background: rgba(255,255,255,.15); }
.rules-problems { background: #fff3f3; color: #8a1f11; border: 1px solid #e8b4b4; padding: .3rem .8rem; border-radius: 6px; }
.alert p { margin: 0; padding: .4rem 1rem; background: #fff4d6; }
.layout { flex: 1; min-height: 0; display: grid; grid-template-columns: 190px minmax(380px, 1fr) auto minmax(280px, 380px); }
.layout > * { min-height: 0; overflow: auto; }
nav { background: #3f0e40; color: #fff; padding: .8rem .6rem; }
nav [role=tablist] { display: flex; flex-direction: column; gap: .2rem; margin-bottom: 1rem; }
nav [role=tab] { text-align: left; background: none; border: 0; color: #e6dbe7; padding: .35rem .5rem; border-radius: 6px; font: inherit; cursor: pointer; }
nav [role=tab][aria-selected=true] { background: #1164a3; color: #fff; }
main { display: flex; flex-direction: column; border-right: 1px solid var(--line); min-width: 0; overflow: hidden; }
main > [data-region] { flex: 1; min-height: 0; display: flex; }
main section { flex: 1; overflow: auto; padding: 0 1rem; }
h2 { font-size: 1rem; margin: .8rem 0; }
.empty { color: var(--muted); }
.message { padding: .5rem .6rem; border-radius: 6px; margin: .3rem 0; }
.message:hover { background: var(--bg); }
.message header { display: flex; gap: .4rem; align-items: baseline; }
.author { font-weight: 700; }
.badge { font-size: .65rem; background: #e8e8e8; color: var(--muted); padding: 0 .25rem; border-radius: 3px; }
time { color: var(--muted); font-size: .8rem; }
.only-you { color: var(--muted); font-size: .8rem; }
.message.ephemeral { border-left: 3px solid #1264a3; background: #f4f8fc; }
.content p { margin: .2rem 0; }
.content blockquote { margin: .2rem 0; padding-left: .6rem; border-left: 4px solid var(--line); }
.content pre, .note pre, .panel pre { white-space: pre-wrap; word-break: break-word; background: #f6f6f6; border: 1px solid var(--line); border-radius: 4px; padding: .4rem; font-size: .8rem; margin: .3rem 0; }
code { background: #f2f2f2; border-radius: 3px; padding: 0 .2rem; color: #c01343; font-size: .85em; }
.mention { background: #e8f5fa; color: #1264a3; border-radius: 3px; padding: 0 .1rem; }
.header { font-size: 1.05rem; margin: .4rem 0; }
.section { display: flex; gap: .8rem; justify-content: space-between; margin: .3rem 0; }
.section .body { flex: 1; min-width: 0; }
.fields { display: grid; grid-template-columns: 1fr 1fr; gap: .3rem 1rem; }
.context { color: var(--muted); font-size: .8rem; margin: .2rem 0; }
.context p { display: inline; }
.actions { display: flex; flex-wrap: wrap; gap: .4rem; margin: .4rem 0; }
.actions select { max-width: min(22rem, 100%); }
.btn { font: inherit; font-size: .85rem; font-weight: 600; padding: .25rem .7rem; border: 1px solid #bbb; border-radius: 4px; background: #fff; cursor: pointer; }
.btn.primary { background: #007a5a; border-color: #007a5a; color: #fff; }
.btn.danger { background: #e01e5a; border-color: #e01e5a; color: #fff; }
button.link { background: none; border: 0; color: #1264a3; cursor: pointer; padding: 0 .5rem 0 0; font: inherit; font-size: .8rem; }
.shortcut { width: 100%; }
select, input[type=text], input[type=email], input[type=url], input[type=number], input[type=date], textarea { font: inherit; padding: .3rem; border: 1px solid #bbb; border-radius: 4px; max-width: 100%; }
.input { border: 0; padding: 0; margin: .6rem 0; display: flex; flex-direction: column; gap: .2rem; }
.input label, .input .label { font-weight: 700; }
.optional { font-weight: 400; color: var(--muted); }
.hint { color: var(--muted); font-size: .8rem; }
.field-error { color: #c4002b; font-size: .85rem; }
.input.invalid input, .input.invalid select, .input.invalid textarea { border-color: #c4002b; }
.overflow { position: relative; }
.overflow summary { list-style: none; cursor: pointer; border: 1px solid #bbb; border-radius: 4px; padding: 0 .5rem; }
.overflow .menu { position: absolute; right: 0; background: #fff; border: 1px solid var(--line); display: flex; flex-direction: column; z-index: 2; }
.note { border: 1px dashed #b9a3dc; background: #faf7ff; border-radius: 6px; padding: .2rem .5rem; margin: .3rem 0; }
.note-title { font-size: .75rem; color: var(--accent); font-weight: 700; }
.note pre { font-size: .75rem; background: none; border: 0; padding: 0; }
.composer { display: flex; flex-direction: column; gap: .3rem; padding: .6rem 1rem; border-top: 1px solid var(--line); }
.composer label { font-weight: 700; font-size: .85rem; }
.composer button { align-self: flex-end; }
.thread-pane:empty { width: 0; border: 0; }
.thread-pane { border-right: 1px solid var(--line); }
.thread { width: 340px; padding: 0 .6rem; }
.thread header { display: flex; justify-content: space-between; align-items: center; }
.panel { padding: 0 .8rem; background: var(--bg); overflow: auto; font-size: .85rem; }
.calls { padding-left: 1.6rem; }
.call.failed summary strong { color: #c4002b; }
.filing { border: 1px solid var(--line); background: #fff; border-radius: 6px; padding: .3rem .6rem; margin-bottom: .5rem; }
.filing h3 { font-size: .9rem; margin: .3rem 0; }
.overlay { position: fixed; inset: 0; background: rgba(0,0,0,.45); display: flex; align-items: flex-start; justify-content: center; padding-top: 5vh; z-index: 5; }
.modal { background: #fff; width: min(560px, 94vw); max-height: 88vh; display: flex; flex-direction: column; border-radius: 8px; box-shadow: 0 10px 30px rgba(0,0,0,.3); }
.modal header, .modal footer { padding: .6rem 1rem; display: flex; gap: .5rem; align-items: center; }
.modal header { border-bottom: 1px solid var(--line); justify-content: space-between; }
.modal footer { border-top: 1px solid var(--line); justify-content: flex-end; }
.modal-body { padding: 0 1rem; overflow: auto; }
.depth { color: var(--muted); font-size: .8rem; }
.choice { display: flex; gap: .4rem; align-items: baseline; }
img { max-width: 100%; }
.inline-image { max-height: 1.2rem; vertical-align: middle; }
.unsupported { color: var(--muted); font-style: italic; }
`;
