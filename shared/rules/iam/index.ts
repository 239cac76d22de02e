export * from './credential-report';
export * from './policy-document';
export * from './authorization-details';
export * from './admin-principals';
export * from './snapshot';
export * from './checks';
