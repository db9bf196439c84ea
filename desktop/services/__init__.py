"""Use cases: one function per user action. Each checks the signed-in user's role
and the domain rule, then writes the record, an audit entry and an outbox
operation in one transaction (``desktop.services.base.change``)."""
