"""The privacy policy (개인정보 처리방침, 개인정보 보호법 제30조) as live data: built from what privdesk
holds (:mod:`privdesk.policy.document`), versioned and published (:mod:`privdesk.policy.versions`),
written as HTML for the homepage and as a PDF (:mod:`privdesk.policy.output`)."""
