// views.open, views.push, views.update and views.publish against the workspace's modal stack and
// App Home, as Slack documents them.
//   https://docs.slack.dev/reference/methods/views.open
//   https://docs.slack.dev/reference/methods/views.publish
import { z } from 'zod';
import { findForUpdate, makeView, pushView, SlackError, updateView, viewJson } from './views';
import { type ApiContext, json, type Method, parse } from './web-api-args';
import { USER } from './workspace';

const view = json(z.looseObject({ type: z.string(), blocks: z.array(z.looseObject({ type: z.string() })) }));

const trigger = (ctx: ApiContext, id: unknown) => {
  if (typeof id !== 'string' || !ctx.ws.triggers.delete(id)) throw new SlackError('invalid_trigger_id');
};

export const VIEW_METHODS: Record<string, Method> = {
  'views.open': (args, ctx) => {
    const a = parse(z.looseObject({ trigger_id: z.string(), view }), args);
    trigger(ctx, a.trigger_id);
    const opened = makeView(ctx.ws, a.view, 'modal');
    ctx.ws.modals = [opened];
    ctx.ws.changed();
    return { view: viewJson(opened, ctx.ws) };
  },
  'views.push': (args, ctx) => {
    const a = parse(z.looseObject({ trigger_id: z.string(), view }), args);
    trigger(ctx, a.trigger_id);
    return { view: viewJson(pushView(ctx.ws, a.view), ctx.ws) };
  },
  'views.update': (args, ctx) => {
    const a = parse(
      z.looseObject({
        view,
        view_id: z.string().optional(),
        external_id: z.string().optional(),
        hash: z.string().optional(),
      }),
      args,
    );
    const target = findForUpdate(ctx.ws, a);
    return { view: viewJson(updateView(ctx.ws, target, a.view, a.hash), ctx.ws) };
  },
  'views.publish': (args, ctx) => {
    const a = parse(z.looseObject({ user_id: z.string(), view, hash: z.string().optional() }), args);
    if (a.user_id !== USER) throw new SlackError('user_not_found');
    const home = ctx.ws.home;
    if (home) return { view: viewJson(updateView(ctx.ws, home, a.view, a.hash), ctx.ws) };
    ctx.ws.home = makeView(ctx.ws, a.view, 'home');
    ctx.ws.changed();
    return { view: viewJson(ctx.ws.home, ctx.ws) };
  },
};
