"""`make bench`: job search over N published jobs, API vs raw SQL vs the naive GeoDjango form.

Not a test and not part of the application: it loads its own database
(`safejob_bench`), starts the production server configuration against it and
measures. `python -m bench --help` lists the steps and options.
"""
