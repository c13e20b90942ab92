cdef class Fast:
    """Cython is not Python, but its strings lex: :cite:`cython2024`."""

    cdef int n
