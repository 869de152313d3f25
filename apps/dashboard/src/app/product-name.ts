/** Product name shown in the header and used as the suffix of every page title. */
export const PRODUCT_NAME = 'TnT';
