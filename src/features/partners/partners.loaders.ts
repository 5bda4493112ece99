/** The partners feature's per-request loader: pages of partnerships by node and filter, batched in one query. */
import DataLoader from 'dataloader';
import { fromMap, type LoaderFactory } from '../../graphql/loaders';
import { findPartners, partnersKeyString, type PartnersKey, type PartnersPage } from './partners.repository';

const NO_NODE: PartnersPage = { exists: false, totalCount: 0, partnerships: [], hasNextPage: false };

export const partnersLoader: LoaderFactory<PartnersKey, PartnersPage, string> = (db) =>
  new DataLoader(
    fromMap((keys: readonly PartnersKey[]) => findPartners(db, keys), partnersKeyString, NO_NODE),
    {
      cacheKeyFn: partnersKeyString,
    },
  );
