/** The e2e tests start the gateway through the shared tools helper. */
export * from '@tnt/tools/util-gateway-process';
