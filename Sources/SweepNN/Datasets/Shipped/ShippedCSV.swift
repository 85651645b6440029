/// Namespace for the shipped CSV texts (one generated file per dataset; see README.md here).
enum ShippedCSV {}
