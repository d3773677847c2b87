/** "Reader preview" link in the article edit view (content-manager injection zone editView.right-links). */
import { LinkButton } from '@strapi/design-system';
import { Eye } from '@strapi/icons';
import { useForm } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { getTrad, UIDS } from '../pluginId';
import { useEditedLocale } from '../utils/locale';
import { useNewsroomConfig } from '../utils/useNewsroomConfig';

export const previewUrl = (slug: string, locale: string) => `/preview/?slug=${encodeURIComponent(slug)}&locale=${encodeURIComponent(locale)}`;

const PreviewLinkButton = () => {
  const { formatMessage } = useIntl();
  const slug = useForm('NewsroomPreviewLink', (s: any) => s.initialValues?.slug) as string | undefined;
  const { config } = useNewsroomConfig();
  const locale = useEditedLocale(config.defaultLocale);
  const label = formatMessage({ id: getTrad('preview.open'), defaultMessage: 'Reader preview' });
  if (!slug) {
    return (
      <LinkButton variant="tertiary" size="S" fullWidth disabled startIcon={<Eye />} data-testid="newsroom-preview-link">
        {label}
      </LinkButton>
    );
  }
  return (
    <LinkButton
      variant="tertiary"
      size="S"
      fullWidth
      startIcon={<Eye />}
      href={previewUrl(slug, locale)}
      target="_blank"
      rel="noopener"
      title={formatMessage({ id: getTrad('preview.hint'), defaultMessage: 'Opens the published version as readers see it' })}
      data-testid="newsroom-preview-link"
    >
      {label}
    </LinkButton>
  );
};

export const PreviewLink = ({ slug: model }: { slug?: string }) => (model === UIDS.article ? <PreviewLinkButton /> : null);
