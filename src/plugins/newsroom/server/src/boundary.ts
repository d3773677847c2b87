import type { Core, Modules, UID } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { errors } from '@strapi/utils';
import { FieldProblem, summarize } from './enforcement/problems';
import { PLUGIN_ID } from './content-types/facts';
// Type-only: the registries import the adapters, which import this module.
import type services from './services';

/** The Strapi instance every adapter receives. */
export type Strapi = Core.Strapi;

/** The Koa context of a controller or HTTP middleware (with Strapi's `ctx.badRequest`, `ctx.notFound`…). */
export type { Context, Next };

/** The methods a core content-type controller gives the newsroom's own actions (`this`). */
export type CoreController = Core.CoreAPI.Controller.ContentType<UID.ContentType>;

/** A plugin's routers by type (`admin`, `content-api`), as Strapi keeps them once loaded. */
export type Routers = Record<string, Core.Router>;

/** What a route policy receives: Strapi's Koa context with the policy's extras. */
export type PolicyContext = Core.PolicyContext & Pick<Context, 'state' | 'params'>;

type LifecycleSubscriber = Parameters<Strapi['db']['lifecycles']['subscribe']>[0];
/** A database lifecycle event (`strapi.db.lifecycles.subscribe`): model, action, params, result. */
export type LifecycleEvent = Parameters<Extract<LifecycleSubscriber, (...args: never[]) => unknown>>[0];

/** A stored row or a write's data, as the Query Engine and the Document Service hand them over. */
export type Row = Record<string, unknown>;

type QueryParams = NonNullable<Parameters<ReturnType<Strapi['db']['query']>['findMany']>[0]>;

/** The Query Engine calls the newsroom makes, its rows typed (Strapi's own repository returns them untyped). */
export interface Rows<R extends object = Row> {
  findOne(params?: QueryParams): Promise<R | null>;
  findMany(params?: QueryParams): Promise<R[]>;
  create(params: QueryParams): Promise<R>;
  createMany(params: QueryParams): Promise<{ count: number; ids?: unknown[] }>;
  update(params: QueryParams): Promise<R | null>;
  updateMany(params: QueryParams): Promise<{ count: number }>;
}

/** `strapi.db.query(uid)`, its rows read as `R` (a `Row` unless the caller names the columns it selects). */
export const dbQuery = <R extends object = Row>(strapi: Strapi, uid: string): Rows<R> => strapi.db.query(uid);

/** A Document Service middleware's view of a call (`strapi.documents.use`). */
export interface DocumentCall {
  action: string;
  uid: string;
  params: Row;
}

type DocumentMiddleware = Modules.Documents.Middleware.Middleware;
/** What a Document Service call resolves to (a document, documents, a count, null…). */
export type DocumentResult = Awaited<ReturnType<DocumentMiddleware>>;

/**
 * Adds a Document Service middleware. Strapi's own context type is keyed by the app's generated
 * UIDs (the plugin's are not in it when it is built alone): the newsroom reads it as a DocumentCall.
 */
export function useDocuments(strapi: Strapi, middleware: (call: DocumentCall, next: () => Promise<DocumentResult>) => Promise<DocumentResult>) {
  strapi.documents.use((ctx, next) => middleware(ctx as DocumentCall, next));
}

/** What `strapi.db.transaction(callback)` hands its callback (the parts the newsroom uses). */
export interface TransactionTools {
  trx: { raw(sql: string, bindings?: readonly unknown[]): PromiseLike<unknown> };
  onCommit(callback: () => unknown): void;
  onRollback(callback: () => unknown): void;
}

/** What a log line says of something thrown: its message when it has one, else the value itself. */
export const messageOf = (err: unknown): unknown => (err as { message?: unknown } | null | undefined)?.message ?? err;

/**
 * Runs `callback` once the database transaction this code runs in is committed (nested calls share
 * the outermost one: the Content Manager wraps its actions in its own), or now when there is none.
 */
export function afterCommit(strapi: Strapi, callback: () => unknown): void {
  if (!strapi.db.inTransaction()) {
    callback();
    return;
  }
  void strapi.db.transaction(({ onCommit }: TransactionTools) => onCommit(callback));
}

/** The Koa context of the HTTP request this code runs for, if any (Strapi's request context). */
export const currentRequest = (strapi: Strapi): Context | undefined => strapi.requestContext?.get?.() as Context | undefined;

/** The documentId of a Document Service result, when it has one. */
export const resultDocumentId = (result: unknown): string | undefined =>
  result && typeof result === 'object' ? ((result as Row).documentId as string | undefined) : undefined;

/** Strapi's own ValidationError, so REST answers 400 and GraphQL BAD_USER_INPUT, naming each field. */
export function validationError(problems: FieldProblem[]) {
  return new errors.ValidationError(summarize(problems), {
    errors: problems.map((p) => ({ path: p.path, message: p.message, name: 'ValidationError', value: null })),
  });
}

/** The plugin's services by name (services/index.ts), as i18n's `getService` does. */
export type Services = typeof services;
export type ServiceName = keyof Services;
export type NewsroomService<TName extends ServiceName> = ReturnType<Services[TName]>;

export const getService = <TName extends ServiceName>(strapi: Strapi, name: TName): NewsroomService<TName> =>
  strapi.plugin(PLUGIN_ID).service(name) as NewsroomService<TName>;
