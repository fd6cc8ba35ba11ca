// One browser and one weftd at a time: the machine is shared, and Chromium is heavy.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
