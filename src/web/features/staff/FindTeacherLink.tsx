import { useTranslation } from 'react-i18next';
import { activeOrganisationOf, useMe } from '../../session.ts';
import { ButtonLink } from '../../ui/links.tsx';
import { staffAccess } from './staff.api.ts';

/** The design editor's way to "Hitta lärare": the HEI's staff ranked for the design's needs. */
export function FindTeacherLink({ designId }: { designId: string }) {
  const { t } = useTranslation();
  const { canFind } = staffAccess(activeOrganisationOf(useMe()));
  if (!canFind) return null;
  return (
    <ButtonLink variant="subtle" to="/staff" search={{ designId }}>
      {t('staff.find.fromDesignLink')}
    </ButtonLink>
  );
}
