/** What `GET /api/context` answers. */
export interface AppContext {
  siteUrl: string;
  accountId: string;
  productType: string;
  features: Record<string, boolean>;
  llmConfigured: boolean;
}
