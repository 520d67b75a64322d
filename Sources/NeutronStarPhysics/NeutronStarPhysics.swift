// NeutronStarPhysics — work in progress.
