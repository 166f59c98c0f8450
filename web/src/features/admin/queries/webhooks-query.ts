import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../../api/client';
import type { components } from '../../../api/schema';

export type Webhook = components['schemas']['WebhookResponse'];
export type Delivery = components['schemas']['WebhookDeliveryResponse'];
export const webhooksKey = ['admin', 'webhooks'] as const;

export function useWebhooks(enabled = true) {
  return useQuery({
    enabled,
    queryKey: webhooksKey,
    queryFn: async () =>
      data(await api.GET('/api/v1/webhooks', { params: { query: { limit: 200 } } })).items,
  });
}

/** The latest deliveries of one webhook, fetched when someone opens them. */
export function useDeliveries(id: string, enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: [...webhooksKey, id, 'deliveries'],
    queryFn: async () =>
      data(
        await api.GET('/api/v1/webhooks/{id}/deliveries', {
          params: { path: { id }, query: { limit: 20 } },
        }),
      ).items,
  });
}

export function useCreateWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { url: string; events: string[]; secret: string }) =>
      data(await api.POST('/api/v1/webhooks', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: webhooksKey }),
  });
}

export function useDeleteWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id } } });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: webhooksKey }),
  });
}
