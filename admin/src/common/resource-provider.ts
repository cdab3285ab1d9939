import type {
  CreateParams,
  DataProvider,
  DeleteManyParams,
  DeleteParams,
  GetListParams,
  GetManyParams,
  GetManyReferenceParams,
  GetOneParams,
  Identifier,
  RaRecord,
  UpdateParams,
} from 'react-admin';
import { ApiError } from '../graphql.ts';

export type ListResult = { data: RaRecord[]; total: number };

/**
 * What one resource's provider implements, in plain functions of the params (the resource is known). Writes
 * return the record react-admin keeps: the saved fact, or the record as read marked with `pendingDraft` when
 * the write became a draft.
 */
export interface ResourceMethods {
  getList?(params: GetListParams): Promise<ListResult>;
  getOne?(params: GetOneParams): Promise<RaRecord>;
  getMany?(params: GetManyParams): Promise<RaRecord[]>;
  getManyReference?(params: GetManyReferenceParams): Promise<ListResult>;
  create?(params: CreateParams): Promise<RaRecord>;
  update?(params: UpdateParams): Promise<RaRecord>;
  delete?(params: DeleteParams): Promise<RaRecord>;
}

const refuse = (resource: string, what: string) =>
  Promise.reject(new ApiError(`${resource} cannot be ${what} in the console.`, 'CLIENT'));

/** A react-admin data provider for one resource, from the methods it supports. */
export function resourceProvider(methods: ResourceMethods): DataProvider {
  const deleteMany = async (resource: string, params: DeleteManyParams): Promise<{ data: Identifier[] }> => {
    if (!methods.delete) return refuse(resource, 'deleted');
    // one at a time, each with the version read: every change is checked against it
    for (const id of params.ids) await methods.delete({ id });
    return { data: [...params.ids] };
  };
  const provider = {
    getList: async (resource: string, params: GetListParams) =>
      methods.getList ? methods.getList(params) : refuse(resource, 'listed'),
    getOne: async (resource: string, params: GetOneParams) =>
      methods.getOne ? { data: await methods.getOne(params) } : refuse(resource, 'read'),
    getMany: async (resource: string, params: GetManyParams) =>
      methods.getMany ? { data: await methods.getMany(params) } : refuse(resource, 'read'),
    getManyReference: async (resource: string, params: GetManyReferenceParams) =>
      methods.getManyReference ? methods.getManyReference(params) : refuse(resource, `listed by ${params.target}`),
    create: async (resource: string, params: CreateParams) =>
      methods.create ? { data: await methods.create(params) } : refuse(resource, 'created'),
    update: async (resource: string, params: UpdateParams) =>
      methods.update ? { data: await methods.update(params) } : refuse(resource, 'edited'),
    updateMany: (resource: string) =>
      refuse(resource, 'changed in bulk: change records one at a time, each against the version you read'),
    delete: async (resource: string, params: DeleteParams) =>
      methods.delete ? { data: await methods.delete(params) } : refuse(resource, 'deleted'),
    deleteMany,
  };
  // react-admin types each method as generic in the record type; ours return the records the API gives
  return provider as DataProvider;
}
