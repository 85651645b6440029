import SweepCore
