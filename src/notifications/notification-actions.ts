/** Audit action names of webhook administration (API.md); webhook event types too. */
export const WebhookAction = {
  WebhookCreated: 'webhook.created',
  WebhookDeleted: 'webhook.deleted',
} as const;
