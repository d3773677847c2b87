import type { Schema, Struct } from '@strapi/strapi';

export interface NewsroomByline extends Struct.ComponentSchema {
  collectionName: 'components_newsroom_bylines';
  info: {
    description: 'A person credited on a story, with their role';
    displayName: 'Byline';
    icon: 'user';
  };
  attributes: {
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 80;
      }>;
    role: Schema.Attribute.Enumeration<
      ['reporter', 'editor', 'responsible-editor', 'photographer', 'translator']
    > &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'reporter'>;
  };
}

export interface NewsroomOrigin extends Struct.ComponentSchema {
  collectionName: 'components_newsroom_origins';
  info: {
    description: 'Where a reprinted piece first appeared';
    displayName: 'Origin';
    icon: 'link';
  };
  attributes: {
    originalDate: Schema.Attribute.Date;
    originalDateline: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
    outlet: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 80;
      }>;
    url: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 500;
      }>;
  };
}

export interface NewsroomPartnership extends Struct.ComponentSchema {
  collectionName: 'components_newsroom_partnerships';
  info: {
    description: 'A partner organisation and what the partnership focuses on';
    displayName: 'Partnership';
    icon: 'handHeart';
  };
  attributes: {
    focus: Schema.Attribute.Text;
    partner: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
  };
}

export interface NewsroomService extends Struct.ComponentSchema {
  collectionName: 'components_newsroom_services';
  info: {
    description: 'A service the neighbourhood offers residents';
    displayName: 'Community service';
    icon: 'heart';
  };
  attributes: {
    audience: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
    schedule: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'newsroom.byline': NewsroomByline;
      'newsroom.origin': NewsroomOrigin;
      'newsroom.partnership': NewsroomPartnership;
      'newsroom.service': NewsroomService;
    }
  }
}
