"""Stand-ins for dbt's cross-database macros (``dbt.type_string()``, ``dbt.concat(...)``) so that
sqlfluff's jinja templater renders the models without dbt; the SQL they give is only linted."""


def _call(name):
    return lambda *args, **kwargs: f"{name}({', '.join(str(a) for a in args)})"


def type_string():
    return "varchar"


def type_float():
    return "double"


def type_timestamp():
    return "timestamp"


def type_int():
    return "integer"


def escape_single_quotes(value):
    return str(value).replace("'", "''")


def concat(fields):
    return "concat(" + ", ".join(str(f) for f in fields) + ")"


def array_construct(inputs=(), data_type=None):
    return "list_value(" + ", ".join(str(i) for i in inputs) + ")"


any_value = _call("any_value")
bool_or = _call("bool_or")
hash = _call("md5")  # noqa: A001
date_trunc = _call("date_trunc")
dateadd = _call("date_add")
datediff = _call("date_diff")
