/** Validates against IPTC's ninjs 3.0 JSON Schema (tests/fixtures/ninjs, CC BY 4.0 © IPTC). */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import schema from '../fixtures/ninjs/ninjs-schema_3.0.json';

let validate: (((data: unknown) => boolean) & { errors?: unknown }) | null = null;

export function validateNinjs(data: unknown): { valid: boolean; errors: unknown } {
  if (!validate) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    // The schema refers to GeoJSON for place geometry, which cannot be fetched here: accept any object.
    ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json', type: 'object' });
    validate = ajv.compile(schema as object) as any;
  }
  const valid = validate!(data);
  return { valid, errors: validate!.errors };
}
