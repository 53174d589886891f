"""Key custody (키 관리): the master key on paper (:mod:`privdesk.custody.sheet`) and its rotation
(:mod:`privdesk.custody.rotation`). Both are the privacy officer's."""
