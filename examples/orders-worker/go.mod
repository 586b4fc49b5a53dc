module example.com/orders-worker

go 1.26.8
