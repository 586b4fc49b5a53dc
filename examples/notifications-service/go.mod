module example.com/notifications-service

go 1.26.8
