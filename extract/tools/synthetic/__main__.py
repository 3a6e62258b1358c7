"""``python -m extract.tools.synthetic``: write a synthetic corpus (see ``--help``)."""

import sys

from extract.tools.synthetic.corpus import main

sys.exit(main())
