module example.com/inventory-service

go 1.26.8
