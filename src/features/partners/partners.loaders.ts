/** The partners feature's per-request loader: partnerships by node and filter. */
import DataLoader from 'dataloader';
import { fromMap, type LoaderFactory } from '../../graphql/loaders';
import { findPartnerships, partnersKeyString, type PartnersKey, type PartnershipsResult } from './partners.repository';

const NO_PARTNERSHIPS: PartnershipsResult = { exists: false, partnerships: [] };

export const partnersLoader: LoaderFactory<PartnersKey, PartnershipsResult, string> = (db) =>
  new DataLoader(
    fromMap((keys: readonly PartnersKey[]) => findPartnerships(db, keys), partnersKeyString, NO_PARTNERSHIPS),
    {
      cacheKeyFn: partnersKeyString,
    },
  );
