"""Stand-in for dbt's ``adapter.dispatch`` for sqlfluff's jinja templater: a dispatched macro
renders as a call of the same name, which is enough to lint the SQL around it."""


def dispatch(name, macro_namespace=None):
    return lambda *args, **kwargs: f"{name}({', '.join(str(a) for a in args)})"
