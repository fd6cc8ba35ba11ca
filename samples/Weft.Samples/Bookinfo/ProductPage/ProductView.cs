using Weft.Samples.Bookinfo.Details;
using Weft.Samples.Bookinfo.Reviews;

namespace Weft.Samples.Bookinfo.ProductPage;

/// <summary>Everything one product page shows: the book, and what details and reviews answered (or their error).</summary>
public sealed record ProductView(
    Product Product,
    string? User,
    int DetailsStatus,
    BookDetails? Details,
    int ReviewsStatus,
    ReviewsBody? Reviews,
    string? ReviewsInstance)
{
    public const string DetailsUnavailable = "Sorry, product details are currently unavailable for this book.";

    public const string ReviewsUnavailable = "Sorry, product reviews are currently unavailable for this book.";
}
