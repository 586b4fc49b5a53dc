/** The page's own routes: the overview at its root, one page per rule under rules/:ruleId. */
import { Route, Routes } from 'react-router-dom';
import { ComplianceOverview } from './ComplianceOverview';
import { RuleDocRoute } from './RuleDocPage';

export function CompliancePageRoutes() {
  return (
    <Routes>
      <Route path="/" element={<ComplianceOverview />} />
      <Route path="/rules/:ruleId" element={<RuleDocRoute />} />
    </Routes>
  );
}
