// Who a Zendesk ticket is from. Zendesk creates a requester it does not know only with a name
// (Tickets API, "Creating a ticket with a new requester"); without one given, the address's local
// part stands in, as Zendesk's own email channel does.
export function nameFromEmail(email: string): string {
  return email.split('@')[0] || email;
}
