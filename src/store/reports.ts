// Read-only queries across families for the account reports (summary, credential report,
// authorization details, service last accessed), plus the small tables those reports own.
import { Repo } from './repo.js';

export class ReportRepo extends Repo {}
