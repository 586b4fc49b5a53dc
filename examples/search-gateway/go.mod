module example.com/search-gateway

go 1.26.8
