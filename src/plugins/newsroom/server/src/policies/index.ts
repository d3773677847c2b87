/** The plugin's route policies by name (registry only: each lives in its feature folder). */
import fieldGuard from '../enforcement/field-guard.policy';
import publishedOnly from '../read-path/published-only.policy';

export default { 'published-only': publishedOnly, 'field-guard': fieldGuard };
