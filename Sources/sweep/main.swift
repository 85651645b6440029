#if canImport(Glibc)
@preconcurrency import Glibc
#endif

// Line-buffered stdout so progress and results survive a crash or a pipe.
setvbuf(stdout, nil, _IOLBF, 0)
SweepCommand.main()
