// Access Analyzer policy generation jobs (migrations/009_policy_generations.sql).
import { Repo } from './repo.js';

export interface PolicyGenerationRow {
  job_id: string;
  account_id: string;
  principal_arn: string;
  status: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'CANCELED';
  started_on: string;
  completed_on: string | null;
  window_start: string | null;
  window_end: string | null;
  /** JSON: cloudTrailDetails.trails as given (echoed in the result's trailProperties). */
  trails: string | null;
  client_token: string | null;
  /** JSON: [{ action, resource }] found in the window. */
  usage: string | null;
  is_complete: number | null;
  error_code: string | null;
  error_message: string | null;
}

export class PolicyGenerationRepo extends Repo {
  get(accountId: string, jobId: string): PolicyGenerationRow | undefined {
    return this.q<[string, string], PolicyGenerationRow>('SELECT * FROM policy_generations WHERE account_id = ? AND job_id = ?').get(accountId, jobId);
  }

  byClientToken(accountId: string, token: string): PolicyGenerationRow | undefined {
    return this.q<[string, string], PolicyGenerationRow>('SELECT * FROM policy_generations WHERE account_id = ? AND client_token = ?').get(accountId, token);
  }

  /** Newest first; only the principal's when one is given. */
  list(accountId: string, principalArn?: string): PolicyGenerationRow[] {
    return principalArn
      ? this.q<[string, string], PolicyGenerationRow>('SELECT * FROM policy_generations WHERE account_id = ? AND principal_arn = ? ORDER BY started_on DESC, job_id').all(accountId, principalArn)
      : this.q<[string], PolicyGenerationRow>('SELECT * FROM policy_generations WHERE account_id = ? ORDER BY started_on DESC, job_id').all(accountId);
  }

  insert(row: PolicyGenerationRow) {
    this.q(
      `INSERT INTO policy_generations (job_id, account_id, principal_arn, status, started_on, completed_on, window_start, window_end, trails, client_token, usage, is_complete, error_code, error_message)
       VALUES (@job_id, @account_id, @principal_arn, @status, @started_on, @completed_on, @window_start, @window_end, @trails, @client_token, @usage, @is_complete, @error_code, @error_message)`,
    ).run(row);
  }

  finish(jobId: string, status: PolicyGenerationRow['status'], completedOn: string, usage: string | null, isComplete: boolean) {
    this.q("UPDATE policy_generations SET status = ?, completed_on = ?, usage = ?, is_complete = ? WHERE job_id = ? AND status = 'IN_PROGRESS'").run(status, completedOn, usage, isComplete ? 1 : 0, jobId);
  }
}
