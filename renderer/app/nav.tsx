import type { ComponentType } from 'react';
import { Dashboard } from '../features/dashboard/Dashboard';
import { ControlsScreen } from '../features/controls/ControlsScreen';
import { CriteriaScreen } from '../features/criteria/CriteriaScreen';
import { TeamScreen } from '../features/team/TeamScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { ExportScreen } from '../features/export/ExportScreen';
import { AwsScreen } from '../features/aws/AwsScreen';
import { ChecksScreen } from '../features/checks/ChecksScreen';
import { EvidenceScreen } from '../features/evidence/EvidenceScreen';
import { AwsReportScreen } from '../features/aws-report/AwsReportScreen';
import { AccessReviewsScreen } from '../features/access-reviews/AccessReviewsScreen';
import { RequestsScreen } from '../features/requests/RequestsScreen';

export interface NavItem {
  screen: string;
  label: string;
  component: ComponentType;
}

/** The screens of an open workspace, in sidebar order. Features register themselves here. */
export const NAV: NavItem[] = [
  { screen: 'dashboard', label: 'Dashboard', component: Dashboard },
  { screen: 'controls', label: 'Controls', component: ControlsScreen },
  { screen: 'criteria', label: 'Criteria', component: CriteriaScreen },
  { screen: 'evidence', label: 'Evidence', component: EvidenceScreen },
  { screen: 'aws', label: 'AWS', component: AwsScreen },
  { screen: 'checks', label: 'Checks', component: ChecksScreen },
  { screen: 'aws-report', label: 'AWS report', component: AwsReportScreen },
  { screen: 'access-reviews', label: 'Access reviews', component: AccessReviewsScreen },
  { screen: 'requests', label: 'Requests', component: RequestsScreen },
  { screen: 'team', label: 'Team', component: TeamScreen },
  { screen: 'export', label: 'Export', component: ExportScreen },
  { screen: 'settings', label: 'Settings', component: SettingsScreen },
];
