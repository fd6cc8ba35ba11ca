using Weft.Samples.Tests.Infrastructure;

// One travel agency and one Bookinfo for the whole assembly: most tests only read from them,
// and starting their fourteen processes once, in parallel, keeps the project within its minute.
[assembly: AssemblyFixture(typeof(TravelAgency))]
[assembly: AssemblyFixture(typeof(BookinfoMesh))]
