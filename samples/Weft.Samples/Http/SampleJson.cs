using System.Text.Json.Serialization;
using Weft.Samples.Bookinfo;
using Weft.Samples.Bookinfo.Details;
using Weft.Samples.Bookinfo.ProductPage;
using Weft.Samples.Bookinfo.Ratings;
using Weft.Samples.Bookinfo.Reviews;
using Weft.Samples.Failure;
using Weft.Samples.Hosting;
using Weft.Samples.Travel.Model;
using Weft.Samples.Travel.Portal;

namespace Weft.Samples.Http;

/// <summary>
/// Every JSON shape the samples read or write, generated at build time: no reflection at start
/// (a demo starts a dozen of these processes at once) and member names fixed by attributes.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(List<CityEntry>))]
[JsonSerializable(typeof(List<Flight>))]
[JsonSerializable(typeof(List<Hotel>))]
[JsonSerializable(typeof(List<Car>))]
[JsonSerializable(typeof(List<Insurance>))]
[JsonSerializable(typeof(TravelQuote))]
[JsonSerializable(typeof(Discount))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(PortalSettings))]
[JsonSerializable(typeof(PortalStatus))]
[JsonSerializable(typeof(PortalStatus[]))]
[JsonSerializable(typeof(FailureMode))]
[JsonSerializable(typeof(SampleHealth))]
[JsonSerializable(typeof(BookinfoHealth))]
[JsonSerializable(typeof(BookDetails))]
[JsonSerializable(typeof(IReadOnlyList<Product>))]
[JsonSerializable(typeof(ReviewsBody))]
[JsonSerializable(typeof(RatingsBody))]
[JsonSerializable(typeof(Dictionary<string, int>))]
public sealed partial class SampleJson : JsonSerializerContext;
