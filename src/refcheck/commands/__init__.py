"""One module per ``refcheck`` subcommand: ``add_arguments(parser, name)`` and ``run(args)``."""
