namespace Weft.Samples.Bookinfo.ProductPage;

/// <summary>Where productpage finds details, reviews and ratings.</summary>
public sealed record ProductPageTargets(string Details, string Reviews, string Ratings);
