/** Audit action names of webhook administration (the audit trail in README and the OpenAPI document); webhook event types too. */
export const WebhookAction = {
  WebhookCreated: 'webhook.created',
  WebhookDeleted: 'webhook.deleted',
} as const;
