module example.com/legacy-billing

go 1.26.8
